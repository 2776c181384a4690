package com.pricefeed.systemtests;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The ACL table of docs/security.md is what {@link SecuredClusterIT} grants. */
class SecurityDocsTest {

    @Test
    void shouldDocumentExactlyTheAclsTheSecuredClusterTestGrants() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "security.md"));

        assertThat(docs).contains(ServiceAcls.markdownTable(ServiceAcls.defaults()));
    }
}
