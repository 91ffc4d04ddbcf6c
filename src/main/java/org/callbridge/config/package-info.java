/** The configuration: every setting declared once ({@code Keys}), read from the file, the environment or secret files, and built once into typed records ({@code Configuration}), collecting every problem. */
package org.callbridge.config;
