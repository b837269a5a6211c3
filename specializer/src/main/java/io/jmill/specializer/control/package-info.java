/**
 * Running a router that specializes itself: {@link io.jmill.specializer.control.AdaptiveController}
 * (profile, specialize, watch for material profile changes, re-specialize with hysteresis) and
 * its JMX view {@link io.jmill.specializer.control.SpecializerMXBean}.
 */
package io.jmill.specializer.control;
