package io.hotbundle.itests.signing;

import java.nio.file.Path;

/**
 * A key and its certificates, as {@link SigningKit} made them.
 *
 * @param name        the alias it is known by in trust stores; its subject is {@code CN=name}, except for the
 *                    attacker's fake authority, which takes the subject of the one it impersonates
 * @param alias       the alias of its private key in {@code keyStore}
 * @param keyStore    the kit's PKCS12 key store (password {@link SigningKit#PASSWORD})
 * @param certificate its own certificate, PEM
 * @param chain       the certificates a jar it signs carries in its signature block, its own first, PEM
 */
public record Signer(String name, String alias, Path keyStore, Path certificate, Path chain) {
}
