/**
 * Test-only: keys, certificates and signed jars made at test time with the JDK's keytool and jarsigner, and jars
 * forged with java.util.zip, as an attacker would write them. Never part of a running container.
 */
@Export
@Version("1.0.0")
package io.hotbundle.itests.signing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
