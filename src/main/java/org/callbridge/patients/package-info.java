/** Patient identity: which Calls API patient an event is for, from a UUID in the source or the MRN crosswalk. */
package org.callbridge.patients;
