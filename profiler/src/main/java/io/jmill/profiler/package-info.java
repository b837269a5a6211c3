package io.jmill.profiler;
