/**
 * Operations: health checks, metrics and their names, the instance name, what each flow did lately (FlowActivity), the
 * timers behind the console (AlertWatch raises alerts, RetentionWatch prunes finished work), and what ends the process
 * when it cannot go on (out of memory, a stuck transaction, a stop that does not finish).
 */
package org.callbridge.operations;
