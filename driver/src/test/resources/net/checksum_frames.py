#!/usr/bin/env python3
"""Writes a libpcap file of IPv4 frames whose checksums Python computes, for ChecksumTest.

Usage: checksum_frames.py OUT.pcap

Each frame: Ethernet, IPv4 (some with options), then TCP, UDP or ICMP with a payload of odd or
even length. Checksums follow RFC 791/793/768/792 and the RFC 1071 sum, computed here
independently of JMill's Checksum class. A second file OUT.pcap.txt lists, per frame, the
offsets and values of its IP and transport checksums, for the test to compare with.
"""
import random
import struct
import sys


def ones_complement_sum(data):
    if len(data) % 2:
        data += b"\0"
    total = 0
    for (word,) in struct.iter_unpack("!H", data):
        total += word
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def checksum(data):
    return ~ones_complement_sum(data) & 0xFFFF


def frame(rng, n):
    proto = (6, 17, 1)[n % 3]
    src = bytes([10, rng.randrange(256), rng.randrange(256), 1 + rng.randrange(254)])
    dst = bytes([192, 168, rng.randrange(256), 1 + rng.randrange(254)])
    payload = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 64)))
    if proto == 6:
        l4 = struct.pack("!HHIIBBHHH", rng.randrange(1, 65536), rng.randrange(1, 65536), rng.getrandbits(32),
                         rng.getrandbits(32), 5 << 4, 0x18, rng.randrange(65536), 0, 0) + payload
        csum_at = 16
    elif proto == 17:
        l4 = struct.pack("!HHHH", rng.randrange(1, 65536), rng.randrange(1, 65536), 8 + len(payload), 0) + payload
        csum_at = 6
    else:
        l4 = struct.pack("!BBHHH", 8, 0, 0, rng.randrange(65536), n) + payload
        csum_at = 2
    options = b"\x01\x01\x01\x00" if n % 4 == 3 else b""  # NOP NOP NOP EOL
    ihl = 5 + len(options) // 4
    ip = bytearray(struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, rng.randrange(256) & 0xFC, ihl * 4 + len(l4),
                               rng.randrange(65536), 0x4000, 1 + rng.randrange(255), proto, 0, src, dst) + options)
    ip_sum = checksum(bytes(ip))
    ip[10:12] = struct.pack("!H", ip_sum)
    l4 = bytearray(l4)
    if proto == 1:
        l4_sum = checksum(bytes(l4))
    else:
        pseudo = src + dst + struct.pack("!BBH", 0, proto, len(l4))
        l4_sum = checksum(pseudo + bytes(l4))
        if proto == 17 and l4_sum == 0:
            l4_sum = 0xFFFF  # RFC 768: a computed zero is sent as all ones
    l4[csum_at:csum_at + 2] = struct.pack("!H", l4_sum)
    eth = bytes.fromhex("020000000002" "020000000001" "0800")
    data = eth + bytes(ip) + bytes(l4)
    return data, (14 + 10, ip_sum, 14 + ihl * 4 + csum_at, l4_sum)


def main():
    out = sys.argv[1]
    rng = random.Random(1071)
    with open(out, "wb") as f, open(out + ".txt", "w") as listing:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for n in range(300):
            data, sums = frame(rng, n)
            f.write(struct.pack("<IIII", 1700000000 + n, 0, len(data), len(data)))
            f.write(data)
            listing.write("%d %04x %d %04x\n" % sums)


if __name__ == "__main__":
    main()
