package io.jmill.specializer.control;

import io.jmill.profiler.Profile;
import io.jmill.specializer.ProfileView;

/** A measured {@link Profile} as the specializer's planning input. */
public final class ProfileViews {
    private ProfileViews() {
    }

    /** The planning view of {@code profile}; null for null (plan every element). */
    public static ProfileView of(Profile profile) {
        if (profile == null) {
            return null;
        }
        return new ProfileView() {
            @Override
            public long edgePackets(String from, int port) {
                return profile.edgePackets(from, port);
            }

            @Override
            public long elementPackets(String element) {
                return profile.elementPackets(element);
            }
        };
    }
}
