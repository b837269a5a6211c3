package io.jmill.elements.file;

import io.jmill.engine.args.IPPrefix;
import io.jmill.layout.Packet;

import java.io.ByteArrayOutputStream;
import java.util.StringJoiner;

/**
 * IP and TCP options in the IP summary dump text form: options separated by semicolons, a period
 * for none, a question mark for malformed ones. TCP: {@code mss1460}, {@code wscale10},
 * {@code sackok}, {@code sack95-98}, {@code ts669063908:38382731}; IP: {@code rr{10.0.0.1}+5},
 * {@code lsrr{1.0.0.1^1.0.0.2}} / {@code ssrr{...}}; any other option as {@code 98} or
 * {@code 99=0:5:10}. NOP and EOL are read but never written.
 */
final class IPSummaryOptions {
    private IPSummaryOptions() {
    }

    static String writeTcp(Packet p, int off, int len, boolean noTimestamps, boolean sackOnly) {
        StringJoiner j = new StringJoiner(";");
        int end = off + len;
        int i = off;
        while (i < end) {
            int kind = p.u8(i);
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                return "?";
            }
            int olen = p.u8(i + 1);
            if (olen < 2 || i + olen > end) {
                return "?";
            }
            String text;
            if (kind == 2 && olen == 4) {
                text = "mss" + p.u16(i + 2);
            } else if (kind == 3 && olen == 3) {
                text = "wscale" + p.u8(i + 2);
            } else if (kind == 4 && olen == 2) {
                text = "sackok";
            } else if (kind == 5 && (olen - 2) % 8 == 0) {
                StringJoiner s = new StringJoiner(";");
                for (int k = i + 2; k < i + olen; k += 8) {
                    s.add("sack" + (p.u32(k) & 0xFFFF_FFFFL) + "-" + (p.u32(k + 4) & 0xFFFF_FFFFL));
                }
                text = s.toString();
            } else if (kind == 8 && olen == 10) {
                text = noTimestamps ? null : "ts" + (p.u32(i + 2) & 0xFFFF_FFFFL) + ":" + (p.u32(i + 6) & 0xFFFF_FFFFL);
            } else {
                text = generic(p, i, olen);
            }
            if (text != null && (!sackOnly || kind == 5)) {
                j.add(text);
            }
            i += olen;
        }
        return j.length() == 0 ? "." : j.toString();
    }

    static String writeIp(Packet p, int off, int len) {
        StringJoiner j = new StringJoiner(";");
        int end = off + len;
        int i = off;
        while (i < end) {
            int kind = p.u8(i);
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                return "?";
            }
            int olen = p.u8(i + 1);
            if (olen < 2 || i + olen > end) {
                return "?";
            }
            if ((kind == 7 || kind == 131 || kind == 137) && olen >= 3 && (olen - 3) % 4 == 0) {
                int ptr = p.u8(i + 2);
                StringBuilder sb = new StringBuilder(kind == 7 ? "rr{" : kind == 131 ? "lsrr{" : "ssrr{");
                int n = (olen - 3) / 4;
                boolean placed = false;
                for (int k = 0; k < n; k++) {
                    int at = 4 + 4 * k;
                    if (kind == 7 && at >= ptr) {
                        break;
                    }
                    if (k > 0) {
                        sb.append(at == ptr && kind != 7 ? '^' : ',');
                    } else if (at == ptr && kind != 7) {
                        sb.append('^');
                    }
                    placed |= at == ptr;
                    sb.append(IPPrefix.addressToString(p.u32(i + 3 + 4 * k)));
                }
                sb.append('}');
                if (kind == 7) {
                    int left = (olen + 1 - ptr) / 4;
                    if (left > 0) {
                        sb.append('+').append(left);
                    }
                } else if (!placed && ptr > olen) {
                    // pointer past the end: every address was used
                }
                j.add(sb.toString());
            } else {
                j.add(generic(p, i, olen));
            }
            i += olen;
        }
        return j.length() == 0 ? "." : j.toString();
    }

    private static String generic(Packet p, int i, int olen) {
        StringBuilder sb = new StringBuilder().append(p.u8(i));
        for (int k = 2; k < olen; k++) {
            sb.append(k == 2 ? '=' : ':').append(p.u8(i + k));
        }
        return sb.toString();
    }

    /** TCP options from text; null if malformed. Empty for {@code .}. */
    static byte[] readTcp(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (text.equals(".")) {
            return new byte[0];
        }
        for (String o : text.split(";")) {
            try {
                if (o.equals("nop")) {
                    out.write(1);
                } else if (o.equals("eol")) {
                    out.write(0);
                } else if (o.startsWith("mss")) {
                    int v = Integer.parseInt(o.substring(3));
                    out.writeBytes(new byte[]{2, 4, (byte) (v >> 8), (byte) v});
                } else if (o.startsWith("wscale")) {
                    out.writeBytes(new byte[]{3, 3, (byte) Integer.parseInt(o.substring(6))});
                } else if (o.equals("sackok")) {
                    out.writeBytes(new byte[]{4, 2});
                } else if (o.startsWith("sack")) {
                    String[] r = o.substring(4).split("[-:]"); // Click reads both sack1-18 and sack1:18
                    byte[] b = new byte[10];
                    b[0] = 5;
                    b[1] = 10;
                    IPSummarySketch.put32(b, 2, (int) Long.parseLong(r[0]));
                    IPSummarySketch.put32(b, 6, (int) Long.parseLong(r[1]));
                    out.writeBytes(b);
                } else if (o.startsWith("ts")) {
                    String[] r = o.substring(2).split(":");
                    byte[] b = new byte[10];
                    b[0] = 8;
                    b[1] = 10;
                    IPSummarySketch.put32(b, 2, (int) Long.parseLong(r[0]));
                    IPSummarySketch.put32(b, 6, (int) Long.parseLong(r[1]));
                    out.writeBytes(b);
                } else if (!readGeneric(o, out)) {
                    return null;
                }
            } catch (RuntimeException e) {
                return null;
            }
        }
        return out.toByteArray();
    }

    /** IP options from text; null if malformed. Empty for {@code .}. */
    static byte[] readIp(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (text.equals(".")) {
            return new byte[0];
        }
        for (String o : text.split(";")) {
            try {
                if (o.equals("nop")) {
                    out.write(1);
                } else if (o.equals("eol")) {
                    out.write(0);
                } else if (o.startsWith("rr{") || o.startsWith("lsrr{") || o.startsWith("ssrr{")) {
                    int kind = o.startsWith("rr") ? 7 : o.startsWith("lsrr") ? 131 : 137;
                    int close = o.indexOf('}');
                    String body = o.substring(o.indexOf('{') + 1, close);
                    int more = close + 1 < o.length() && o.charAt(close + 1) == '+'
                            ? Integer.parseInt(o.substring(close + 2)) : 0;
                    ByteArrayOutputStream addrs = new ByteArrayOutputStream();
                    int ptr = -1;
                    int n = 0;
                    for (String a : body.isEmpty() ? new String[0] : body.split(",")) {
                        if (a.startsWith("^")) {
                            ptr = 4 + 4 * n;
                        }
                        String addr = a.startsWith("^") ? a.substring(1) : a;
                        byte[] b = new byte[4];
                        IPSummarySketch.put32(b, 0, IPSummaryField.parseAddress(addr));
                        addrs.writeBytes(b);
                        n++;
                    }
                    if (kind == 7) {
                        ptr = 4 + 4 * n;
                    } else if (ptr < 0) {
                        ptr = 4 + 4 * n;
                    }
                    int total = n + more;
                    out.write(kind);
                    out.write(3 + 4 * total);
                    out.write(ptr);
                    out.writeBytes(addrs.toByteArray());
                    out.writeBytes(new byte[4 * more]);
                } else if (!readGeneric(o, out)) {
                    return null;
                }
            } catch (RuntimeException e) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private static boolean readGeneric(String o, ByteArrayOutputStream out) {
        int eq = o.indexOf('=');
        int kind = Integer.parseInt(eq < 0 ? o : o.substring(0, eq));
        if (kind < 0 || kind > 255) {
            return false;
        }
        String[] data = eq < 0 ? new String[0] : o.substring(eq + 1).split(":");
        out.write(kind);
        out.write(2 + data.length);
        for (String d : data) {
            out.write(Integer.parseInt(d));
        }
        return true;
    }
}
