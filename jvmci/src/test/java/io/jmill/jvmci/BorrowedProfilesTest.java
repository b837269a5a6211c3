package io.jmill.jvmci;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How a copy's bytecode indexes map onto its generic original's (no JVMCI needed). */
class BorrowedProfilesTest {
    private static final int ALOAD_0 = 0x2a;
    private static final int IRETURN = 0xac;

    @Test
    void callsThatChangeLengthShiftTheLaterIndexes() {
        // original: aload_0; invokevirtual #5; ifeq +4; iconst_1; ireturn; ldc #3; ireturn
        byte[] original = bytes(ALOAD_0, 0xb6, 0, 5, 0x99, 0, 5, 0x04, IRETURN, 0x12, 3, IRETURN);
        // copy:     aload_0; invokeinterface #7 1 0; ifeq +4; iconst_1; ireturn; ldc_w #300; ireturn
        byte[] copy = bytes(ALOAD_0, 0xb9, 0, 7, 1, 0, 0x99, 0, 5, 0x04, IRETURN, 0x13, 1, 44, IRETURN);
        int[] map = BorrowedProfiles.bciMap(copy, original);
        int[] expected = new int[copy.length];
        java.util.Arrays.fill(expected, -1);
        expected[0] = 0;
        expected[1] = 1;
        expected[6] = 4;   // the branch: its profile is the original's at bci 4
        expected[9] = 7;
        expected[10] = 8;
        expected[11] = 9;
        expected[14] = 11;
        assertArrayEquals(expected, map);
    }

    @Test
    void codeThatDoesNotLineUpBorrowsNothing() {
        byte[] original = bytes(ALOAD_0, 0xb6, 0, 5, IRETURN);
        assertNull(BorrowedProfiles.bciMap(bytes(0x2b, 0xb6, 0, 5, IRETURN), original), "another instruction");
        assertNull(BorrowedProfiles.bciMap(bytes(ALOAD_0, 0xb6, 0, 5, 0x57, IRETURN), original), "one more instruction");
        assertNull(BorrowedProfiles.bciMap(bytes(ALOAD_0, IRETURN), original), "one fewer instruction");
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }
}
