/**
 * MLLP framing shared by the HL7 listener (ingest, on netty) and the HL7 write-back sender (results, on a blocking
 * socket): the block bytes, the frame around a message and where a frame's payload starts
 * ({@link org.callbridge.mllp.MllpFraming}). Depends on no other callbridge package.
 */
package org.callbridge.mllp;
