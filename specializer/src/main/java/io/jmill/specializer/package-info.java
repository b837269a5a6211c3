/**
 * The specializer: PacketMill's devirtualization and constant embedding, done at run time.
 *
 * <p>{@link io.jmill.specializer.Specializer} is the entry point: it makes a
 * {@link io.jmill.specializer.Plan} for a built router (every {@link io.jmill.specializer.Decision}
 * with its reason, optionally narrowed by a {@link io.jmill.specializer.ProfileView}), generates a
 * hidden class per element from the element's own bytecode (package
 * {@link io.jmill.specializer.codegen}), and swaps the specialized task bodies into the router's
 * pipeline slots between batches ({@link io.jmill.specializer.Specializer#apply}), or back
 * ({@link io.jmill.specializer.Specializer#revert}); what happened is kept as
 * {@link io.jmill.specializer.SwapEvent}s.
 */
package io.jmill.specializer;
