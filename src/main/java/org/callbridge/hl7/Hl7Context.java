package org.callbridge.hl7;

import org.callbridge.appointment.RejectedInputException;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.idgenerator.IDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The one HAPI context of the application: every HL7 version is parsed into the canonical 2.5
 * model, without validation (real feeds break the rules), by one thread-safe pipe parser.
 */
public final class Hl7Context {
    private static final HapiContext CONTEXT = create();

    private Hl7Context() {
    }

    /** The shared context, for code that needs HAPI directly (an MLLP codec, a writer). */
    public static HapiContext context() {
        return CONTEXT;
    }

    /** The shared pipe parser. */
    public static PipeParser parser() {
        return CONTEXT.getPipeParser();
    }

    /**
     * Parses one message that is already normalised (segments end with CR).
     *
     * @throws RejectedInputException naming the failure, never echoing message content
     */
    public static Message parse(String text) {
        try {
            return parser().parse(text);
        } catch (HL7Exception e) {
            // no cause attached: HAPI's messages can quote segment content, which is PHI
            throw new RejectedInputException(segmentOf(e), "unparseable HL7 (" + e.getError() + ")");
        } catch (RuntimeException e) {
            throw new RejectedInputException(null, "unparseable HL7 (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String segmentOf(HL7Exception e) {
        return e.getLocation() == null ? null : e.getLocation().getSegmentName();
    }

    private static HapiContext create() {
        HapiContext context = new DefaultHapiContext();
        context.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        // not even the trimming rules that noValidation() keeps: run on every primitive, they cost about 15% of a parse;
        // readers trim what they read, and the ACKs and results we build carry no padding to trim
        context.getParserConfiguration().setValidating(false);
        context.getParserConfiguration().setIdGenerator(new TimeBasedIds());
        return context;
    }

    /** Control ids for generated messages: unique across restarts, no file on disk (HAPI's default counts from 1). */
    private static final class TimeBasedIds implements IDGenerator {
        private final AtomicLong next = new AtomicLong(System.currentTimeMillis() * 1000);

        @Override
        public String getID() {
            return Long.toString(next.incrementAndGet());
        }
    }
}
