package com.example.udpsocket.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's check that every class with tests ran: which classes it counts as tests,
 * and what it reports for one that did not run.
 */
class TestReportCheckTests {

	@Test
	void findsClassesWithAnyKindOfTestAndNothingElse() {
		assertThat(TestReportCheck.declaresTests(WithATest.class)).isTrue();
		assertThat(TestReportCheck.declaresTests(WithAParameterizedTest.class)).isTrue();
		assertThat(TestReportCheck.declaresTests(WithoutTests.class)).isFalse();
		assertThat(TestReportCheck.declaresTests(TestReportCheckTests.class)).isTrue();
	}

	@Test
	void findsThisVeryClassAmongTheCompiledTests() {
		Path classes = Path.of("target", "test-classes");
		assertThat(TestReportCheck.testClasses(classes)).contains(TestReportCheckTests.class.getName())
			.doesNotContain(Datagrams.class.getName());
	}

	@Test
	void reportsAClassNoPluginWouldRunAndOneWithoutAReport(@TempDir Path reports) throws Exception {
		Files.writeString(reports.resolve("TEST-a.RanTests.xml"), "<testsuite/>");
		List<String> problems = TestReportCheck.problems(List.of("a.RanTests", "a.NotRunTests", "a.LoadSpec"), reports,
				reports);
		assertThat(problems).containsExactly("a.NotRunTests: no report in " + reports,
				"a.LoadSpec: its name matches neither Surefire's nor Failsafe's pattern");
	}

	@ParameterizedTest
	@ValueSource(strings = { "FooTests", "FooTest", "TestFoo", "FooTestCase", "FooIT", "ITFoo", "FooITCase" })
	void knowsThePluginsNames(String name) {
		assertThat(TestReportCheck.UNIT.matcher(name).matches() || TestReportCheck.INTEGRATION.matcher(name).matches())
			.isTrue();
	}

	static class WithATest {

		@Test
		void test() {
		}

	}

	static class WithAParameterizedTest {

		@ParameterizedTest
		@ValueSource(ints = 1)
		void test(int value) {
		}

	}

	static class WithoutTests {

		void notATest() {
		}

	}

}
