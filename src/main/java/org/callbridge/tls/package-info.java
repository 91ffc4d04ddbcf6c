/**
 * TLS on the wire: the MLLP listener (with optional or required client certificates), the HL7 write-back sender, and
 * the trust used by the webhook and the Calls API client. TLS 1.2 and 1.3 only; keys and certificates from PKCS12 or
 * JKS files; passwords are secrets and never printed.
 */
package org.callbridge.tls;
