package vn.dancu;

/** Creates API clients with any credentials, for tests outside this package. */
public final class TestApis {

    private TestApis() {
    }

    public static Api of(int port, String username, String password) {
        return new Api(port, username, password);
    }
}
