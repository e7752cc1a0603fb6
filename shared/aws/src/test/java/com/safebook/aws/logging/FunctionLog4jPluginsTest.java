package com.safebook.aws.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginProcessor;
import org.junit.jupiter.api.Test;

/**
 * The Log4j plugin list a function jar ships instead of the libraries' own (functions/pom.xml
 * leaves theirs out). Log4j loads every class its list names when it starts, about 250, of which a
 * function's configuration (log4j2.properties with Powertools' JSON layout) uses some 80; the rest
 * cost some 200 class loads in every cold start. The list is the libraries' own, cut to the
 * plugins below: when Log4j or Powertools changes, this test says so and writes the new list.
 */
class FunctionLog4jPluginsTest {
    private static final Path SHIPPED = Path.of("src/main/resources", PluginProcessor.PLUGIN_CACHE_FILE);
    private static final Path REGENERATED = Path.of("target", "Log4j2Plugins.dat");

    /** Every plugin of these categories: the JSON layout's resolvers and Log4j's type converters. */
    private static final Set<String> WHOLE_CATEGORIES =
            Set.of("jsontemplateresolverfactory", "jsontemplateresolverinterceptor", "typeconverter");

    /** Only these of the others: what log4j2.properties names, and what Log4j needs to read it. */
    private static final Map<String, Set<String>> CHOSEN = Map.of(
            "configurationfactory", Set.of("propertiesconfigurationfactory"),
            "core",
                    Set.of(
                            "appenders",
                            "appender-ref",
                            "appenderref",
                            "console",
                            "default",
                            "jsontemplatelayout",
                            "loggers",
                            "logger",
                            "root",
                            "properties",
                            "property"),
            // Not jvmrunargs, which starts JMX.
            "lookup", Set.of("env", "sys", "ctx", "date", "java", "lower", "upper", "main", "map", "marker"));

    @Test
    void shippedPluginList_isTheLibrariesListCutToTheChosenPlugins() throws IOException {
        var cut = new PluginCache();
        librariesLists()
                .getAllCategories()
                .forEach((category, plugins) -> plugins.forEach((key, plugin) -> {
                    if (WHOLE_CATEGORIES.contains(category)
                            || CHOSEN.getOrDefault(category, Set.of()).contains(key)) {
                        cut.getCategory(category).put(key, plugin);
                    }
                }));
        var expected = new ByteArrayOutputStream();
        cut.writeCache(expected);

        if (!Files.exists(SHIPPED) || !java.util.Arrays.equals(Files.readAllBytes(SHIPPED), expected.toByteArray())) {
            Files.createDirectories(REGENERATED.getParent());
            Files.write(REGENERATED, expected.toByteArray());
        }
        assertThat(Files.readAllBytes(SHIPPED))
                .as("The plugin list changed: copy shared/aws/%s to shared/aws/%s", REGENERATED, SHIPPED)
                .isEqualTo(expected.toByteArray());
        assertThat(cut.getCategory("core")).containsKeys("console", "jsontemplatelayout");
        assertThat(cut.getCategory("jsontemplateresolverfactory")).containsKey("powertoolsresolverfactory");
    }

    @Test
    void shippedPluginList_everyClassItNames_loads() throws Exception {
        var shipped = new PluginCache();
        shipped.loadCacheFiles(Collections.enumeration(List.of(SHIPPED.toUri().toURL())));
        var names = new ArrayList<String>();
        shipped.getAllCategories().values().forEach(plugins -> plugins.values()
                .forEach(plugin -> names.add(plugin.getClassName())));

        assertThat(names).hasSizeGreaterThan(50);
        for (var name : names) {
            assertThat(Class.forName(name, false, getClass().getClassLoader())).isNotNull();
        }
    }

    /** The lists in the libraries' jars (Log4j's, its JSON layout's, Powertools'), not this module's. */
    private static PluginCache librariesLists() throws IOException {
        var urls = new ArrayList<URL>();
        var found = FunctionLog4jPluginsTest.class.getClassLoader().getResources(PluginProcessor.PLUGIN_CACHE_FILE);
        while (found.hasMoreElements()) {
            var url = found.nextElement();
            if ("jar".equals(url.getProtocol())) {
                urls.add(url);
            }
        }
        assertThat(urls).hasSizeGreaterThanOrEqualTo(3);
        var cache = new PluginCache();
        cache.loadCacheFiles(Collections.enumeration(urls));
        return cache;
    }
}
