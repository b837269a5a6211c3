package io.jmill.layout;
