package io.robustgate.report;

import java.util.Base64;

/** Pictures inlined into the dashboard, which must open with no network and no files beside it. */
final class DataUri {

    static final String PNG_PREFIX = "data:image/png;base64,";

    private DataUri() {}

    static String png(byte[] bytes) {
        return PNG_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }
}
