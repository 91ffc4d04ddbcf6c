/** Planning: the calling policy (window, days, zones, offset, lead, post-ahead) and the planning cycle that turns stored events into planned calls, or skips and withdrawals with their reasons. */
package org.callbridge.planning;
