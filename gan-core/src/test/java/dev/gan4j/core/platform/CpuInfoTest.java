package dev.gan4j.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuInfoTest {

    @Test
    void readsTheModelAndClassifiesTheWidestVectors() {
        CpuInfo zen3 = CpuInfo.parse(List.of("processor\t: 0", "vendor_id\t: AuthenticAMD",
                "model name\t: AMD EPYC 7B13", "flags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 avx f16c avx2 fma bmi2",
                "", "processor\t: 1", "model name\t: something else", "flags\t\t: fpu avx512f"), "amd64");
        assertEquals("AMD EPYC 7B13", zen3.model());
        assertEquals("AVX2", zen3.vectorClass());
        assertEquals(List.of("avx", "avx2", "f16c", "fma", "sse", "sse2", "sse4_1", "sse4_2", "ssse3"),
                zen3.vectorExtensions());
        assertEquals("AMD EPYC 7B13 (AVX2)", zen3.describe());

        CpuInfo skylake = CpuInfo.parse(List.of("model name : Intel Xeon", "flags : sse2 avx avx2 avx512f avx512bw"),
                "amd64");
        assertEquals("AVX-512", skylake.vectorClass());
        assertEquals("SSE", CpuInfo.parse(List.of("flags : sse sse2"), "amd64").vectorClass());
    }

    @Test
    void withoutCpuinfoTheArchitectureStandsIn() {
        CpuInfo none = CpuInfo.parse(List.of(), "aarch64");
        assertEquals("unknown", none.model());
        assertEquals("aarch64", none.vectorClass());
        assertEquals(List.of(), none.vectorExtensions());
    }

    @Test
    void thisMachineIsRead() {
        CpuInfo here = CpuInfo.current();
        assertFalse(here.vectorClass().isBlank());
        if (System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64")) {
            assertFalse(here.vectorExtensions().isEmpty(), here.toString());
            assertFalse(here.model().equals("unknown"), here.toString());
        }
    }
}
