package io.jmill.specializer;

import io.jmill.engine.element.Element;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;

/** Element classes that exist only at run time: no class file anywhere. */
final class RuntimeClasses {
    private RuntimeClasses() {
    }

    /**
     * Defines a copy of {@code type} (which must have no nested classes) named {@code simpleName} in
     * the same package.
     */
    static Class<? extends Element> renamed(Class<? extends Element> type, String simpleName) throws Exception {
        byte[] bytes;
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IOException("no class file for " + type);
            }
            bytes = in.readAllBytes();
        }
        ClassModel cm = ClassFile.of().parse(bytes);
        ClassDesc from = ClassDesc.of(type.getName());
        ClassDesc to = ClassDesc.of(type.getPackageName(), simpleName);
        ClassDesc superclass = cm.superclass().orElseThrow().asSymbol();
        ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                ClassHierarchyResolver.of(List.of(), Map.of(to, superclass))
                        .orElse(ClassHierarchyResolver.defaultResolver())
                        .orElse(ClassHierarchyResolver.ofClassLoading(type.getClassLoader()))));
        byte[] renamed = cf.build(to, clb -> {
            clb.withFlags(cm.flags().flagsMask());
            clb.withSuperclass(superclass);
            for (FieldModel f : cm.fields()) {
                clb.withField(f.fieldName().stringValue(), f.fieldTypeSymbol(), f.flags().flagsMask());
            }
            for (MethodModel m : cm.methods()) {
                clb.withMethod(m.methodName().stringValue(), m.methodTypeSymbol(), m.flags().flagsMask(),
                        mb -> mb.transformCode(m.code().orElseThrow(), (b, e) -> {
                            if (e instanceof FieldInstruction f && f.owner().asSymbol().equals(from)) {
                                b.fieldAccess(f.opcode(), to, f.name().stringValue(), f.typeSymbol());
                            } else if (e instanceof InvokeInstruction i && i.owner().asSymbol().equals(from)) {
                                b.invoke(i.opcode(), to, i.name().stringValue(), i.typeSymbol(), i.isInterface());
                            } else {
                                b.with(e);
                            }
                        }));
            }
        });
        return MethodHandles.privateLookupIn(type, MethodHandles.lookup()).defineClass(renamed).asSubclass(Element.class);
    }
}
