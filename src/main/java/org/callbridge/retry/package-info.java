/**
 * What the bounded retries of the Calls API client and the webhook sink compute alike: the pause before the next try
 * ({@link org.callbridge.retry.Backoff}). The retries themselves are Resilience4j's; each caller keeps its own attempt
 * limit and settings. Depends on no other callbridge package.
 */
package org.callbridge.retry;
