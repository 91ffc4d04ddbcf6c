/**
 * The one configured JSON mapper every stage reads and writes with ({@link org.callbridge.json.Json}). Depends on no
 * other callbridge package, so any of them may use it.
 */
package org.callbridge.json;
