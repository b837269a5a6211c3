package io.jmill.specializer;
