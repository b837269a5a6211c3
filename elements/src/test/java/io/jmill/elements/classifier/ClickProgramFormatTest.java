package io.jmill.elements.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClickProgramFormatTest {

    @Test
    void testsAreShownAsTheAlignedWordHoldingTheirBytes() {
        FieldTest proto = FieldTest.equal(FieldTest.NET, 9, 1, 0xff, 6);
        assertEquals("264/00060000%00ff0000", proto.unparseClick());
        assertEquals(266, proto.clickSafeLength());
        FieldTest src = FieldTest.equal(FieldTest.NET, 12, 4, -1, 0x0a000001);
        assertEquals("268/0a000001%ffffffff", src.unparseClick());
        assertEquals(272, src.clickSafeLength());
        FieldTest etherSrcTail = FieldTest.equal(FieldTest.MAC, 10, 2, 0xffff, 0x0405);
        assertEquals(" 12/04050000%ffff0000", etherSrcTail.unparseClick());
        assertEquals(14, etherSrcTail.clickSafeLength());
    }

    @Test
    void rangesAndBytesAcrossAWordBoundaryKeepTheirOwnForm() {
        FieldTest ports = new FieldTest(FieldTest.TRANSPORT, 2, 2, 0xffff, 1024, 0xffff);
        assertEquals("512/00000400-0000ffff%0000ffff", ports.unparseClick());
        FieldTest across = FieldTest.equal(FieldTest.DATA, 3, 2, 0xffff, 0x0800);
        assertEquals("  3/0800%ffff", across.unparseClick());
        assertEquals(5, across.clickSafeLength());
        FieldTest highByteOnly = FieldTest.equal(FieldTest.DATA, 0, 2, 0xff00, 0x4500);
        assertEquals(1, highByteOnly.clickSafeLength());
    }
}
