package com.example.udpsocket.deploy.kubernetes;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;
import org.yaml.snakeyaml.Yaml;

import com.example.udpsocket.deploy.ApplicationConfiguration;
import com.example.udpsocket.server.UdpServerProperties;
import com.example.udpsocket.support.Figures;
import com.example.udpsocket.support.ProjectPom;
import com.example.udpsocket.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes base in {@code deploy/k8s}, read with the Kubernetes API model, agrees
 * with the application's own configuration: ports, probe paths and shutdown timing come
 * from one place and cannot drift apart.
 */
class KubernetesManifestsTests {

	static final Path BASE = Path.of("deploy", "k8s");

	/** What the grace period must leave, past the preStop sleep and every phase, for closing the context and the JVM. */
	static final Duration EXIT_MARGIN = Duration.ofSeconds(5);

	static List<HasMetadata> resources;

	static Deployment deployment;

	static Container container;

	static Map<String, String> environment;

	static Binder configuration;

	@BeforeAll
	static void readTheBaseAndTheConfigurationItRuns() {
		KubernetesSerialization serialization = new KubernetesSerialization();
		resources = kustomizationResources().stream().flatMap((file) -> read(serialization, BASE.resolve(file))).toList();
		deployment = only(Deployment.class);
		container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		environment = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
		configuration = ApplicationConfiguration.forProfile(ApplicationConfiguration.profile(environment), environment);
	}

	@Test
	void kustomizationListsEveryManifestInTheDirectoryAndEachHasOnlyKnownFields() throws IOException {
		try (Stream<Path> files = Files.list(BASE)) {
			Set<String> manifests = files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
				.collect(Collectors.toCollection(TreeSet::new));
			assertThat(kustomizationResources()).containsExactlyInAnyOrderElementsOf(manifests);
		}
		// the model keeps a field it does not know (a typo, or the wrong level) instead of failing
		for (HasMetadata resource : resources) {
			assertThat(unknownFields(resource, resource.getKind())).as("unknown fields").isEmpty();
		}
		assertThat(resources).extracting(HasMetadata::getKind)
			.containsExactlyInAnyOrder("Deployment", "Service", "Service", "PodDisruptionBudget",
					"HorizontalPodAutoscaler", "NetworkPolicy");
	}

	@Test
	void theContainerAndTheServiceUseTheServersUdpPort() {
		UdpServerProperties server = configuration.bindOrCreate("udp.server", UdpServerProperties.class);
		ContainerPort udp = containerPort("udp");
		assertThat(udp.getProtocol()).isEqualTo("UDP");
		assertThat(udp.getContainerPort()).isEqualTo(server.port());
		ServicePort servicePort = servicePort("UDP");
		assertThat(servicePort.getPort()).isEqualTo(server.port());
		assertThat(resolve(servicePort.getTargetPort())).isEqualTo(server.port());
	}

	@Test
	void theServerListensOnEveryInterfaceOfThePod() {
		// on loopback, the default, nothing from outside the pod would reach it
		UdpServerProperties server = configuration.bindOrCreate("udp.server", UdpServerProperties.class);
		assertThat(server.host()).isIn("0.0.0.0", "::");
		// HTTP as well, whose own default is loopback too: the kubelet probes the pod's address
		assertThat(configuration.bind("server.address", String.class).orElse("127.0.0.1")).isIn("0.0.0.0", "::");
		assertThat(configuration.bind("management.server.address", String.class).isBound()).isFalse();
	}

	@Test
	void podCarriesNoServiceAccountTokenAndRunsAReleasedImage() {
		assertThat(deployment.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
		String image = container.getImage();
		int nameEnd = image.lastIndexOf(':') > image.lastIndexOf('/') ? image.lastIndexOf(':') : image.length();
		String name = image.substring(0, nameEnd);
		String tag = image.substring(Math.min(nameEnd + 1, image.length()));
		// kustomize sets the tag (an overlay sets its own): the file and the kustomization agree
		Map<String, Object> images = kustomizationImages().stream()
			.filter((entry) -> name.equals(entry.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("kustomization.yaml sets no images entry for " + name));
		assertThat(images.get("newTag")).as("kustomize's newTag for %s", name).isEqualTo(tag);
		assertThat(tag).isNotIn("", "latest");
		// the release this source becomes: the project's version without -SNAPSHOT
		assertThat(tag).isEqualTo(ProjectPom.read().version().replaceFirst("-SNAPSHOT$", ""));
	}

	@Test
	void networkPolicyAdmitsUdpFromAnywhereAndHttpOnlyFromTheScrapers() {
		Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
		int serverPort = configuration.bind("server.port", Integer.class).orElse(8080);
		UdpServerProperties server = configuration.bindOrCreate("udp.server", UdpServerProperties.class);
		NetworkPolicy policy = only(NetworkPolicy.class);
		assertThat(podLabels.entrySet()).containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet());
		assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNotEmpty();
		assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
		List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
		// no rule admits every port: each names its ports, and each of those is the server's UDP or HTTP port
		assertThat(rules).allSatisfy((rule) -> assertThat(rule.getPorts()).isNotEmpty());
		assertThat(rules).flatExtracting(NetworkPolicyIngressRule::getPorts)
			.allSatisfy((port) -> assertThat(protocolAndPort(port)).isIn("UDP/" + server.port(), "TCP/" + serverPort));
		List<NetworkPolicyIngressRule> udp = rulesFor(rules, "UDP/" + server.port());
		assertThat(udp).as("a rule admitting UDP from anywhere")
			.anySatisfy((rule) -> assertThat(rule.getFrom()).isNullOrEmpty());
		List<NetworkPolicyIngressRule> http = rulesFor(rules, "TCP/" + serverPort);
		assertThat(http).as("rules admitting HTTP").isNotEmpty().allSatisfy((rule) -> {
			assertThat(rule.getFrom()).as("HTTP only from named peers, never from anywhere").isNotEmpty();
			assertThat(rule.getFrom()).allSatisfy(KubernetesManifestsTests::assertNarrowPeer);
		});
	}

	private static List<NetworkPolicyIngressRule> rulesFor(List<NetworkPolicyIngressRule> rules, String port) {
		return rules.stream()
			.filter((rule) -> rule.getPorts().stream().anyMatch((each) -> protocolAndPort(each).equals(port)))
			.toList();
	}

	private static String protocolAndPort(NetworkPolicyPort port) {
		return ((port.getProtocol() != null) ? port.getProtocol() : "TCP") + "/" + resolve(port.getPort());
	}

	/** A peer that is not everyone: labelled pods in labelled namespaces, or an address block short of the internet. */
	private static void assertNarrowPeer(NetworkPolicyPeer peer) {
		if (peer.getIpBlock() != null) {
			assertThat(peer.getIpBlock().getCidr()).isNotIn("0.0.0.0/0", "::/0");
			return;
		}
		assertThat(peer.getNamespaceSelector()).as("namespaceSelector").isNotNull();
		assertThat(peer.getNamespaceSelector().getMatchLabels()).as("the scrapers' namespace").isNotEmpty();
		assertThat(peer.getPodSelector()).as("podSelector").isNotNull();
		assertThat(peer.getPodSelector().getMatchLabels()).as("the scrapers' pods").isNotEmpty();
	}

	@Test
	void probesAskTheActuatorHealthGroupsOnTheHttpPort() {
		int serverPort = configuration.bind("server.port", Integer.class).orElse(8080);
		assertThat(configuration.bind("management.server.port", Integer.class).orElse(serverPort)).isEqualTo(serverPort);
		assertThat(configuration.bind("management.endpoint.health.probes.enabled", Boolean.class).orElse(false))
			.isTrue();
		assertThat(list("management.endpoints.web.exposure.include")).contains("health");
		assertThat(list("management.endpoint.health.group.readiness.include")).contains("udp");
		String health = configuration.bind("management.endpoints.web.base-path", String.class).orElse("/actuator") + "/"
				+ configuration.bind("management.endpoints.web.path-mapping.health", String.class).orElse("health");

		ContainerPort http = containerPort("http");
		assertThat(http.getProtocol()).isEqualTo("TCP");
		assertThat(http.getContainerPort()).isEqualTo(serverPort);
		assertProbe(container.getStartupProbe(), health + "/liveness", serverPort);
		assertProbe(container.getLivenessProbe(), health + "/liveness", serverPort);
		assertProbe(container.getReadinessProbe(), health + "/readiness", serverPort);
		ServicePort management = servicePort("TCP");
		assertThat(management.getPort()).isEqualTo(serverPort);
		assertThat(resolve(management.getTargetPort())).isEqualTo(serverPort);
	}

	private static void assertProbe(Probe probe, String path, int port) {
		assertThat(probe).isNotNull();
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(resolve(probe.getHttpGet().getPort())).isEqualTo(port);
	}

	@Test
	void terminationGracePeriodOutlastsEveryShutdownPhaseOfTheRunningServer() {
		PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
		// the server as the container runs it, on free loopback ports
		try (TestServer server = TestServer.builder()
			.web()
			.profile(ApplicationConfiguration.profile(environment))
			.args("--server.address=127.0.0.1", "--udp.server.host=127.0.0.1", "--spring.jmx.enabled=false")
			.start()) {
			Duration perPhase = Binder.get(server.context().getEnvironment())
				.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
				.orElse(Duration.ofSeconds(30));
			Set<Integer> phases = shutdownPhases(server.context());
			Duration needed = Duration.ofSeconds(preStop).plus(perPhase.multipliedBy(phases.size())).plus(EXIT_MARGIN);
			Figures.SCALE_OUT.print("k8s: %d shutdown phases x %d s + preStop %d s + margin %d s = %d s needed;"
					+ " terminationGracePeriodSeconds %d", phases.size(), perPhase.toSeconds(), preStop,
					EXIT_MARGIN.toSeconds(), needed.toSeconds(), pod.getTerminationGracePeriodSeconds());
			assertThat(Duration.ofSeconds(pod.getTerminationGracePeriodSeconds())).isGreaterThanOrEqualTo(needed);
		}
	}

	/** The phases the context stops one after the other, each allowed the per-phase timeout. */
	private static Set<Integer> shutdownPhases(ConfigurableApplicationContext context) {
		Set<Integer> phases = new TreeSet<>();
		for (String name : context.getBeanFactory().getBeanNamesForType(Lifecycle.class, false, false)) {
			if (context.getBeanFactory().getBean(name) instanceof SmartLifecycle lifecycle && lifecycle.isRunning()) {
				phases.add(lifecycle.getPhase());
			}
		}
		return phases;
	}

	@Test
	void runsAsNonRootOnAReadOnlyRootFilesystemWritingOnlyToTmp() {
		PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
		assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
		assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		// Tomcat's work directory and the JVM's perf data go to java.io.tmpdir
		String tmpVolume = container.getVolumeMounts()
			.stream()
			.filter((mount) -> mount.getMountPath().equals("/tmp"))
			.findFirst()
			.orElseThrow()
			.getName();
		assertThat(pod.getVolumes()).filteredOn((volume) -> volume.getName().equals(tmpVolume))
			.extracting(Volume::getEmptyDir)
			.doesNotContainNull()
			.hasSize(1);
	}

	@Test
	void disruptionBudgetAndAutoscalerKeepSeveralServersAndSelectTheDeploymentsPods() {
		Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
		Predicate<Map<String, String>> selectsThePods = (selector) -> podLabels.entrySet().containsAll(selector.entrySet());
		assertThat(deployment.getSpec().getSelector().getMatchLabels()).matches(selectsThePods);
		assertThat(all(Service.class)).allSatisfy((service) -> assertThat(service.getSpec().getSelector())
			.isNotEmpty()
			.matches(selectsThePods));

		PodDisruptionBudget budget = only(PodDisruptionBudget.class);
		assertThat(budget.getSpec().getSelector().getMatchLabels()).matches(selectsThePods);
		HorizontalPodAutoscaler autoscaler = only(HorizontalPodAutoscaler.class);
		assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
		assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
		int minReplicas = autoscaler.getSpec().getMinReplicas();
		assertThat(deployment.getSpec().getReplicas()).isEqualTo(minReplicas);
		assertThat(autoscaler.getSpec().getMaxReplicas()).isGreaterThan(minReplicas);
		// a voluntary disruption always leaves at least two servers
		assertThat(minReplicas - budget.getSpec().getMaxUnavailable().getIntVal()).isGreaterThanOrEqualTo(2);
		// utilization is measured against the request
		assertThat(autoscaler.getSpec().getMetrics()).allSatisfy((metric) -> assertThat(
				container.getResources().getRequests()).containsKey(metric.getResource().getName()));
		Quantity memoryLimit = container.getResources().getLimits().get("memory");
		assertThat(Quantity.getAmountInBytes(memoryLimit))
			.isGreaterThanOrEqualTo(Quantity.getAmountInBytes(container.getResources().getRequests().get("memory")));
	}

	@Test
	void theUdpServiceKeepsClientAddressesAndNeedsNoAffinity() {
		Service udp = all(Service.class).stream()
			.filter((service) -> service.getSpec().getPorts().stream().anyMatch((port) -> "UDP".equals(port.getProtocol())))
			.findFirst()
			.orElseThrow();
		assertThat(udp.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
		assertThat(udp.getSpec().getSessionAffinity()).isEqualTo("None");
		// Actuator is not published with it
		assertThat(udp.getSpec().getPorts()).extracting(ServicePort::getProtocol).containsOnly("UDP");
	}

	private static List<String> list(String name) {
		return configuration.bind(name, Bindable.listOf(String.class))
			.orElse(List.of())
			.stream()
			.map(String::trim)
			.toList();
	}

	private static ContainerPort containerPort(String name) {
		return container.getPorts().stream().filter((port) -> name.equals(port.getName())).findFirst().orElseThrow();
	}

	/** The one port of that protocol over the Services. */
	private static ServicePort servicePort(String protocol) {
		List<ServicePort> ports = all(Service.class).stream()
			.flatMap((service) -> service.getSpec().getPorts().stream())
			.filter((port) -> protocol.equals(port.getProtocol()))
			.toList();
		assertThat(ports).hasSize(1);
		return ports.get(0);
	}

	/** A port given by number or by the container port's name. */
	private static int resolve(IntOrString port) {
		return (port.getIntVal() != null) ? port.getIntVal() : containerPort(port.getStrVal()).getContainerPort();
	}

	@SuppressWarnings("unchecked")
	private static List<String> kustomizationResources() {
		return (List<String>) kustomization().get("resources");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> kustomizationImages() {
		return (List<Map<String, Object>>) kustomization().getOrDefault("images", List.of());
	}

	private static Map<String, Object> kustomization() {
		try (InputStream in = Files.newInputStream(BASE.resolve("kustomization.yaml"))) {
			Map<String, Object> kustomization = new Yaml().load(in);
			assertThat(kustomization).containsEntry("kind", "Kustomization");
			return kustomization;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Stream<HasMetadata> read(KubernetesSerialization serialization, Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			Object read = serialization.unmarshal(in);
			List<?> documents = (read instanceof List<?> list) ? list : List.of(read);
			return documents.stream().map(HasMetadata.class::cast);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static <T extends HasMetadata> List<T> all(Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static <T extends HasMetadata> T only(Class<T> type) {
		List<T> found = all(type);
		assertThat(found).as("one %s", type.getSimpleName()).hasSize(1);
		return found.get(0);
	}

	/** Paths of the fields the model did not know, kept aside as "additional properties". */
	private static List<String> unknownFields(Object node, String path) {
		List<String> unknown = new ArrayList<>();
		if (node instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				unknown.addAll(unknownFields(item, path + "[" + i++ + "]"));
			}
			return unknown;
		}
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> unknown.addAll(unknownFields(value, path + "." + key)));
			return unknown;
		}
		if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return unknown;
		}
		try {
			for (PropertyDescriptor property : Introspector.getBeanInfo(node.getClass()).getPropertyDescriptors()) {
				Method getter = property.getReadMethod();
				if (getter == null || getter.getDeclaringClass() == Object.class) {
					continue;
				}
				Object value = getter.invoke(node);
				if (property.getName().equals("additionalProperties")) {
					((Map<?, ?>) value).keySet().forEach((key) -> unknown.add(path + "." + key));
				}
				else {
					unknown.addAll(unknownFields(value, path + "." + property.getName()));
				}
			}
		}
		catch (ReflectiveOperationException | java.beans.IntrospectionException ex) {
			throw new IllegalStateException(ex);
		}
		return unknown;
	}

}
