package io.memview;

import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The module exports its API packages only and requires nothing beyond java.base. */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() {
        Path classes = Path.of(ModuleDescriptorTest.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath()).resolveSibling("classes");
        ModuleReference ref = ModuleFinder.of(classes).find("io.memview").orElseThrow();
        return ref.descriptor();
    }

    @Test
    void exportsOnlyTheApiPackages() {
        Set<String> exported = descriptor().exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        assertThat(exported).containsExactlyInAnyOrder("io.memview", "io.memview.struct", "io.memview.npy");
        assertThat(descriptor().packages()).contains("io.memview.internal", "io.memview.internal.format");
    }

    @Test
    void hasNoRuntimeDependencies() {
        Set<String> required = descriptor().requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
        assertThat(required).containsExactly("java.base");
    }
}
