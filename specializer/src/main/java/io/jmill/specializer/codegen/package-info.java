/**
 * Code generation with the {@code java.lang.classfile} API: which fields and methods of an element
 * class and of its superclasses below the framework class are copied (the chain is flattened into
 * one class), and whether it can be specialized at all
 * ({@link io.jmill.specializer.codegen.ElementAnalysis}, with the JVM's access rules as the copy
 * sees them in {@code Access}),
 * the generation and definition of an element's hidden class
 * ({@link io.jmill.specializer.codegen.ElementCodegen}), and packet accessors with a layout's
 * offsets as constants ({@link io.jmill.specializer.codegen.PacketAccessorTemplate}).
 */
package io.jmill.specializer.codegen;
