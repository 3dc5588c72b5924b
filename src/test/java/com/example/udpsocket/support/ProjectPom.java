package com.example.udpsocket.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The project's own {@code pom.xml}, as written (not the effective model): its version and
 * the dependencies it declares itself, so that tests of what the build produces follow the
 * pom instead of a list of their own.
 */
public final class ProjectPom {

	public static final Path FILE = Path.of("pom.xml");

	private final Element project;

	private ProjectPom(Element project) {
		this.project = project;
	}

	public static ProjectPom read() {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			Document document = factory.newDocumentBuilder().parse(FILE.toFile());
			return new ProjectPom(document.getDocumentElement());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read " + FILE.toAbsolutePath(), ex);
		}
	}

	/** {@code project/version}, e.g. {@code 0.1.0-SNAPSHOT}. */
	public String version() {
		return text(child(this.project, "version"), "version");
	}

	/** {@code project/dependencies/dependency}: the direct dependencies, in the pom's order. */
	public List<Dependency> dependencies() {
		List<Dependency> dependencies = new ArrayList<>();
		for (Element dependency : children(child(this.project, "dependencies"), "dependency")) {
			Element scope = child(dependency, "scope");
			Element optional = child(dependency, "optional");
			dependencies.add(new Dependency(text(child(dependency, "groupId"), "groupId"),
					text(child(dependency, "artifactId"), "artifactId"),
					(scope != null) ? scope.getTextContent().trim() : "compile",
					optional != null && Boolean.parseBoolean(optional.getTextContent().trim())));
		}
		return dependencies;
	}

	private static Element child(Element parent, String name) {
		List<Element> found = children(parent, name);
		return found.isEmpty() ? null : found.get(0);
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> found = new ArrayList<>();
		if (parent == null) {
			return found;
		}
		NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			Node node = nodes.item(i);
			if (node instanceof Element element && element.getTagName().equals(name)) {
				found.add(element);
			}
		}
		return found;
	}

	private static String text(Element element, String name) {
		if (element == null) {
			throw new IllegalStateException(FILE + " has no " + name + " where one is expected");
		}
		return element.getTextContent().trim();
	}

	/** One {@code <dependency>} as declared. */
	public record Dependency(String groupId, String artifactId, String scope, boolean optional) {

		/** In the application as it runs, and so in its jar and its SBOM. */
		public boolean shipped() {
			return !this.optional && (this.scope.equals("compile") || this.scope.equals("runtime"));
		}

		public String coordinates() {
			return this.groupId + ":" + this.artifactId;
		}

	}

}
