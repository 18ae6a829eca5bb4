package vn.dancu;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Each top-level package is a module; only its root package is its API; the module graph has no cycles. */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(DancuApplication.class);

    @Test
    void modulesKeepToEachOthersPublicApiAndFormNoCycles() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDiagram() {
        new Documenter(MODULES, "target/modulith-docs").writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
