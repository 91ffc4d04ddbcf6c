package org.callbridge.files;

import java.io.IOException;

/** A path below a configured folder that callbridge will not use: a symbolic link, or not what it must be. */
public final class UnsafePathException extends IOException {
    public UnsafePathException(String message) {
        super(message);
    }
}
