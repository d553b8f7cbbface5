package io.authbridge.common;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

import jakarta.ws.rs.container.ContainerRequestContext;

/** Reading a request's body in a filter without taking it from the endpoint and Keycloak, which read it next. */
final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * Up to {@code maxBytes + 1} bytes of the body; the whole body stays readable. A result longer than
     * {@code maxBytes} means the body is larger than the caller looks at.
     */
    static byte[] peek(ContainerRequestContext request, int maxBytes) throws IOException {
        InputStream in = request.getEntityStream();
        byte[] head = in.readNBytes(maxBytes + 1);
        request.setEntityStream(head.length > maxBytes
                ? new SequenceInputStream(new ByteArrayInputStream(head), in) : new ByteArrayInputStream(head));
        return head;
    }
}
