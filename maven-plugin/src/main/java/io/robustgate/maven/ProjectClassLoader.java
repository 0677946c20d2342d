package io.robustgate.maven;

import io.robustgate.attack.AttackRegistry;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The project's test class path on top of the plugin's own classes. Parent-first, so RobustGate and
 * DJL classes are the plugin's (one engine, one copy of the natives) and only what the project adds —
 * its attacks and their {@code META-INF/services} entries — comes from the project.
 */
final class ProjectClassLoader implements AutoCloseable {

    private final URLClassLoader loader;
    private final ClassLoader parent;

    private ProjectClassLoader(URLClassLoader loader, ClassLoader parent) {
        this.loader = loader;
        this.parent = parent;
    }

    /** Over {@code elements} (absent, e.g. outside a project: the plugin's loader alone). */
    static ProjectClassLoader of(List<String> elements, ClassLoader parent) throws MojoExecutionException {
        if (elements == null || elements.isEmpty()) {
            return new ProjectClassLoader(null, parent);
        }
        List<URL> urls = new ArrayList<>();
        for (String element : elements) {
            try {
                urls.add(new File(element).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("test class path entry " + element + " is not a file path", e);
            }
        }
        return new ProjectClassLoader(new URLClassLoader(urls.toArray(URL[]::new), parent), parent);
    }

    ClassLoader loader() {
        return loader != null ? loader : parent;
    }

    @Override
    public void close() {
        if (loader != null) {
            AttackRegistry.release(loader);
            try {
                loader.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the project class loader", e);
            }
        }
    }
}
