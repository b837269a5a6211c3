package io.jmill.engine.jmx;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.DynamicMBean;
import javax.management.JMException;

/**
 * The bulk attribute calls of a {@link DynamicMBean}, done one attribute at a time. As the JMX
 * contract asks, an attribute that cannot be read or written is left out of the result rather
 * than failing the whole call.
 */
abstract class DynamicBean implements DynamicMBean {

    @Override
    public final AttributeList getAttributes(String[] names) {
        AttributeList result = new AttributeList();
        for (String name : names) {
            try {
                result.add(new Attribute(name, getAttribute(name)));
            } catch (JMException | RuntimeException e) {
                // Left out, per the DynamicMBean contract; getAttribute(name) gives the reason.
            }
        }
        return result;
    }

    @Override
    public final AttributeList setAttributes(AttributeList attributes) {
        AttributeList result = new AttributeList();
        for (Attribute a : attributes.asList()) {
            try {
                setAttribute(a);
                result.add(new Attribute(a.getName(), getAttribute(a.getName())));
            } catch (JMException | RuntimeException e) {
                // Left out, per the DynamicMBean contract; setAttribute(a) gives the reason.
            }
        }
        return result;
    }
}
