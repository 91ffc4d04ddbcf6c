/** The CSV reader: the default layout and vendor feeds (their column maps, date formats and statuses), row by row with Commons CSV, each bad row rejected on its own with its line number. */
package org.callbridge.csv;
