package io.jmill.cli;
