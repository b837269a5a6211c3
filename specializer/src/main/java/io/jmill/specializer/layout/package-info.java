/**
 * Metadata-layout reordering done live: {@link io.jmill.specializer.layout.LayoutPlanner} plans a
 * hot-first layout from a profile, {@link io.jmill.specializer.layout.LayoutSwap} quiesces a
 * running router, rewrites every live packet's metadata into it and resumes.
 */
package io.jmill.specializer.layout;
