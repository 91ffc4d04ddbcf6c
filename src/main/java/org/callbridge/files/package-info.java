/**
 * Files and folders as callbridge touches them, in the inboxes, the rejected folder and the reports: never through
 * a symbolic link below a configured folder ({@link org.callbridge.files.ConfinedPaths}), and names and text taken
 * from input made safe for logs and reason files ({@link org.callbridge.files.LogSafe}).
 */
package org.callbridge.files;
