package org.callbridge.appointment;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds SIU messages for tests: a valid S12 by default, any segment replaceable or removable. */
public final class SiuText {
    private String messageType = "SIU^S12";
    private String controlId = "CTRL0001";
    private String version = "2.5";
    private String msh18 = "";
    private final Map<String, String> segments = new LinkedHashMap<>();

    SiuText() {
        segments.put("SCH", "SCH|P100^PLACER|F200^FILLER|||||FU^Follow-up visit^L|NORMAL^Normal|20|MIN|||||||||||||||Booked");
        segments.put("TQ1", "TQ1|1||||||20261202103000");
        segments.put("PID", "PID|1||100001^^^LSG^MR||Quixote^Zebulon||19800101|M|||1 Main St^^Springfield||^PRN^PH^^1^555^5550199");
        segments.put("RGS", "RGS|1");
        segments.put("AIL", "AIL|1||CARD^^^LSG^^^^^Lakeside Cardiology");
        segments.put("AIP", "AIP|1||D1^Hart^Evelyn^^^Dr.^MD");
    }

    public static SiuText s12() {
        return new SiuText();
    }

    public SiuText type(String type) {
        this.messageType = type;
        return this;
    }

    public SiuText trigger(String trigger) {
        this.messageType = "SIU^" + trigger;
        return this;
    }

    public SiuText controlId(String id) {
        this.controlId = id;
        return this;
    }

    public SiuText version(String v) {
        this.version = v;
        return this;
    }

    SiuText charset(String value) {
        this.msh18 = value;
        return this;
    }

    /** Replaces (or adds, before the resources) the segment with this id. */
    public SiuText segment(String text) {
        segments.put(text.substring(0, 3), text);
        return this;
    }

    public SiuText without(String segmentId) {
        segments.remove(segmentId);
        return this;
    }

    /** SCH with the given SCH-1, SCH-2, SCH-11.4 and SCH-25. */
    public SiuText sch(String placer, String filler, String schStart, String status) {
        return segment("SCH|" + placer + "|" + filler + "|||||FU^Follow-up visit^L|NORMAL^Normal|20|MIN|^^^" + schStart
                + "||||||||||||||" + status);
    }

    public String text() {
        StringBuilder out = new StringBuilder("MSH|^~\\&|LSGSCHED|LSG|CALLBRIDGE|LSG|20261125080000||" + messageType + "|"
                + controlId + "|P|" + version + "||||||" + msh18 + "\r");
        segments.values().forEach(s -> out.append(s).append('\r'));
        return out.toString();
    }
}
