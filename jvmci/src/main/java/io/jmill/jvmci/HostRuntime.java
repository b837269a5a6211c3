package io.jmill.jvmci;

import jdk.vm.ci.hotspot.HotSpotJVMCIRuntime;
import jdk.vm.ci.meta.MetaAccessProvider;

/** The host JVMCI runtime; loaded only once {@link Jvmci} found the module readable. */
final class HostRuntime {
    private HostRuntime() {
    }

    static MetaAccessProvider metaAccess() {
        return HotSpotJVMCIRuntime.runtime().getHostJVMCIBackend().getMetaAccess();
    }
}
