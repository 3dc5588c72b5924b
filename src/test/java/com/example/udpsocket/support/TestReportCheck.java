package com.example.udpsocket.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Run by the build after the tests ({@code verify} phase): every class with tests must have
 * been run by Surefire or Failsafe and have written its report. A class whose name matches
 * neither plugin's pattern would otherwise never run, and nothing would say so.
 * <p>
 * {@code TestReportCheck <test-classes> <surefire-reports> <failsafe-reports> [name=value...]}:
 * the values of {@code test}, {@code it.test}, {@code skipTests}, {@code skipITs} and
 * {@code maven.test.skip} as the build has them; when only some tests were asked for,
 * there is nothing to check.
 */
public final class TestReportCheck {

	/** Surefire's default includes: {@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase}. */
	static final Pattern UNIT = Pattern.compile("Test\\w*|\\w*Test|\\w*Tests|\\w*TestCase");

	/** Failsafe's default includes: {@code IT*}, {@code *IT}, {@code *ITCase}. */
	static final Pattern INTEGRATION = Pattern.compile("IT\\w*|\\w*IT|\\w*ITCase");

	private TestReportCheck() {
	}

	public static void main(String[] args) {
		for (int i = 3; i < args.length; i++) {
			String value = args[i].substring(args[i].indexOf('=') + 1);
			// an undefined property reaches us as its own expression, ${name}
			if (!value.isEmpty() && !value.startsWith("${") && !value.equals("false")) {
				System.out.println("[test-report-check] only some tests ran (" + args[i] + "): nothing to check");
				return;
			}
		}
		Path classes = Path.of(args[0]);
		List<String> tests = testClasses(classes);
		List<String> problems = problems(tests, Path.of(args[1]), Path.of(args[2]));
		if (problems.isEmpty()) {
			System.out.println("[test-report-check] all " + tests.size() + " test classes ran and wrote a report");
		}
		else {
			throw new IllegalStateException("Test classes that did not run:\n  " + String.join("\n  ", problems)
					+ "\nName a unit test class *Tests and an integration test class *IT, so that Surefire or"
					+ " Failsafe runs it.");
		}
	}

	/** Why each of {@code testClasses} has no report, if it has none. */
	static List<String> problems(List<String> testClasses, Path surefireReports, Path failsafeReports) {
		List<String> problems = new ArrayList<>();
		for (String name : testClasses) {
			String simpleName = name.substring(name.lastIndexOf('.') + 1);
			boolean unit = UNIT.matcher(simpleName).matches();
			boolean integration = INTEGRATION.matcher(simpleName).matches();
			if (!unit && !integration) {
				problems.add(name + ": its name matches neither Surefire's nor Failsafe's pattern");
				continue;
			}
			Path reports = unit ? surefireReports : failsafeReports;
			if (!Files.isRegularFile(reports.resolve("TEST-" + name + ".xml"))) {
				problems.add(name + ": no report in " + reports);
			}
		}
		return problems;
	}

	/** The top-level classes under {@code root} that declare tests, by name. */
	static List<String> testClasses(Path root) {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		try (Stream<Path> files = Files.walk(root)) {
			return files.map((file) -> root.relativize(file).toString())
				.filter((file) -> file.endsWith(".class") && !file.contains("$"))
				.map((file) -> file.substring(0, file.length() - ".class".length()).replace('/', '.'))
				.filter((name) -> declaresTests(load(name, loader)))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Class<?> load(String name, ClassLoader loader) {
		try {
			// not initialised: the check must not run any of the test's own code
			return Class.forName(name, false, loader);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Whether a concrete class (or a class nested in it) has a JUnit test method of any kind. */
	static boolean declaresTests(Class<?> type) {
		if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
			return false;
		}
		for (Method method : type.getDeclaredMethods()) {
			if (AnnotationSupport.isAnnotated(method, Testable.class)) {
				return true;
			}
		}
		for (Class<?> nested : type.getDeclaredClasses()) {
			if (declaresTests(nested)) {
				return true;
			}
		}
		return false;
	}

}
