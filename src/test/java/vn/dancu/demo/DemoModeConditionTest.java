package vn.dancu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import vn.dancu.identity.PublishedStaffAccounts;

/** The demo accounts are published only when {@code dancu.demo} is true: no other installation has them. */
class DemoModeConditionTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(DemoData.class);

    @Test
    void withoutDemoModeNoAccountsArePublished() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PublishedStaffAccounts.class));
        runner.withPropertyValues("dancu.demo=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PublishedStaffAccounts.class));
    }

    @Test
    void inDemoModeTheDemoDataIsWhatPublishesThem() {
        // It then needs the whole platform, which this context lacks: that it tries to make DemoData is the point.
        runner.withPropertyValues("dancu.demo=true")
                .run(context -> assertThat(context).hasFailed().getFailure().hasMessageContaining("demoData"));
    }
}
