package org.callbridge.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;

/** The protocols callbridge speaks, and TLS for the netty listener and for clients. */
public final class Tls {
    /** TLS 1.3 and 1.2 only: older versions are refused at the handshake. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private Tls() {
    }

    /** Client-side parameters: the protocols above, and the server's name checked against its certificate. */
    public static SSLParameters clientParameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(PROTOCOLS.toArray(String[]::new));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    /** {@code none}, {@code want} (asked, not required) or {@code need} (required), as a setting spells it. */
    public static ClientAuth clientAuth(String key, String value) {
        return switch (value == null ? "none" : value.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> ClientAuth.NONE;
            case "want" -> ClientAuth.OPTIONAL;
            case "need" -> ClientAuth.REQUIRE;
            default -> throw new IllegalArgumentException(key + " is none, want or need: " + value);
        };
    }

    /**
     * The first handler of each accepted connection: TLS with this material, or, without any ({@code null}), nothing
     * (the handler takes itself out of the pipeline). A client certificate, when asked for, must chain to the
     * truststore.
     */
    public static ChannelHandlerFactory serverHandler(TlsMaterial material, ClientAuth clientAuth) {
        SslContext context = material == null ? null : serverContext(material, clientAuth);
        return new DefaultChannelHandlerFactory() {
            @Override
            public ChannelHandler newChannelHandler() {
                return new ChannelHandlerAdapter() {
                    @Override
                    public void handlerAdded(ChannelHandlerContext ctx) {
                        if (context == null) {
                            ctx.pipeline().remove(this);
                        } else {
                            ctx.pipeline().replace(this, "tls", context.newHandler(ctx.alloc()));
                        }
                    }
                };
            }
        };
    }

    private static SslContext serverContext(TlsMaterial material, ClientAuth clientAuth) {
        KeyManagerFactory keys = material.keyManagers();
        if (keys == null) {
            throw new IllegalArgumentException(material.settingPrefix() + ".keystore is not set: a TLS listener needs"
                    + " its certificate and key");
        }
        TrustManagerFactory trust = material.trustManagers();
        if (clientAuth != ClientAuth.NONE && trust == null) {
            throw new IllegalArgumentException(material.settingPrefix() + ".truststore is not set: client certificates"
                    + " are checked against it");
        }
        try {
            return SslContextBuilder.forServer(keys).trustManager(trust).clientAuth(clientAuth)
                    .protocols(PROTOCOLS).sslProvider(SslProvider.JDK).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException(material.settingPrefix() + ": no TLS context (" + e.getMessage() + ")");
        }
    }
}
