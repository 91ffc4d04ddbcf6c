package org.callbridge.bench;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Prints the bench table once the run ends (registered through META-INF/services; silent when nothing was measured). */
public class BenchTablePrinter implements TestExecutionListener {
    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (!BenchResults.figures().isEmpty()) {
            System.out.println(BenchResults.table());
        }
    }
}
