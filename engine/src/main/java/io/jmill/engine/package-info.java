package io.jmill.engine;
