package io.jmill.engine.element;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;
import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import java.util.TreeMap;

/**
 * Build-time indexer: writes {@link ElementRegistry#INDEX} listing every {@link ElementInfo}
 * class of the module being compiled, and each class's Javadoc as its manual page. Modules that
 * define elements compile with {@code -proc:full} so that javac runs it.
 */
@SupportedAnnotationTypes("io.jmill.engine.element.ElementInfo")
public final class ElementIndexProcessor extends AbstractProcessor {
    private final TreeMap<String, String> docs = new TreeMap<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            for (javax.lang.model.element.Element e : round.getElementsAnnotatedWith(annotation)) {
                if (!(e instanceof TypeElement type)) {
                    continue;
                }
                if (type.getModifiers().contains(Modifier.ABSTRACT) || !type.getModifiers().contains(Modifier.PUBLIC)) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                            "@ElementInfo classes must be public and concrete", e);
                    continue;
                }
                String binaryName = processingEnv.getElementUtils().getBinaryName(type).toString();
                String doc = processingEnv.getElementUtils().getDocComment(type);
                docs.put(binaryName, doc == null ? "" : doc);
            }
        }
        if (round.processingOver() && !docs.isEmpty()) {
            write();
        }
        return false;
    }

    private void write() {
        try {
            FileObject index = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
                    ElementRegistry.INDEX);
            try (Writer w = index.openWriter()) {
                for (String name : docs.keySet()) {
                    w.write(name);
                    w.write('\n');
                }
            }
            for (var entry : docs.entrySet()) {
                FileObject doc = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
                        ElementRegistry.DOC_DIR + entry.getKey() + ".txt");
                try (Writer w = doc.openWriter()) {
                    w.write(entry.getValue());
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write the element index: " + e);
        }
    }
}
