package io.jmill.elements;
