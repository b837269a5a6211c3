/**
 * Code generation with the {@code java.lang.classfile} API: which methods of an element class are
 * copied and whether it can be specialized at all ({@link io.jmill.specializer.codegen.ElementAnalysis}),
 * the generation and definition of an element's hidden class
 * ({@link io.jmill.specializer.codegen.ElementCodegen}), and packet accessors with a layout's
 * offsets as constants ({@link io.jmill.specializer.codegen.PacketAccessorTemplate}).
 */
package io.jmill.specializer.codegen;
