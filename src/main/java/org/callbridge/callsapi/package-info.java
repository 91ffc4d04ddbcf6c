/** The Calls API: its client, one exception type per failure a route tells apart, the port {@code CallsApi} the posting stage uses, and the wire model. */
package org.callbridge.callsapi;
