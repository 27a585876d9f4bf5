package io.hotbundle.container.internal.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import com.sun.net.httpserver.HttpServer;

import io.hotbundle.itests.signing.Signer;
import io.hotbundle.itests.signing.SigningKit;

/**
 * An RFC 3161 time-stamping authority on the loopback interface, for {@code jarsigner -tsa}, that stamps every
 * request with the time the test chose: a signature can be made "in the past", when a certificate was valid.
 */
final class TimeStampAuthority implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong serial = new AtomicLong();

    TimeStampAuthority(Signer signer, Instant stampedTime) throws Exception {
        KeyStore store = KeyStore.getInstance(signer.keyStore().toFile(), SigningKit.PASSWORD.toCharArray());
        PrivateKey key = (PrivateKey) store.getKey(signer.alias(), SigningKit.PASSWORD.toCharArray());
        List<X509Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(signer.chain())) {
            CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .forEach(c -> chain.add((X509Certificate) c));
        }
        var tokens = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", key, chain.get(0)),
                new JcaDigestCalculatorProviderBuilder().build()
                        .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
        tokens.addCertificates(new JcaCertStore(chain));
        var responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] response;
                try {
                    var request = new TimeStampRequest(exchange.getRequestBody().readAllBytes());
                    response = responses.generate(request, BigInteger.valueOf(serial.incrementAndGet()),
                            Date.from(stampedTime)).getEncoded();
                } catch (Exception e) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
                exchange.sendResponseHeaders(200, response.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response);
                }
            }
        });
        server.start();
    }

    /** The URL to give jarsigner's {@code -tsa}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
