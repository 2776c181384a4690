package com.pricefeed.api.admin;

import com.pricefeed.api.errors.ApiException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

class AdminGuardTest {

    private final AdminGuard open = new AdminGuard(Optional.empty());
    private final AdminGuard tokened = new AdminGuard(Optional.of("s3cret"));

    @Test
    void shouldLetLoopbackCallersInWithoutAToken() {
        assertThatCode(() -> open.check("127.0.0.1", "127.0.0.1:8080", null)).doesNotThrowAnyException();
        assertThatCode(() -> open.check("0:0:0:0:0:0:0:1", "[::1]:8080", null)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseNonLoopbackCallersWithoutAToken() {
        for (String address : new String[]{"10.1.2.3", "192.168.0.7", "2001:db8::1", "", null}) {
            assertThatThrownBy(() -> open.check(address, "127.0.0.1:8080", "Bearer anything")).as(String.valueOf(address))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        }
    }

    @Test
    void shouldRefuseALoopbackCallerNamingAnotherHostAsARebindingPageWould() {
        assertThatCode(() -> open.check("127.0.0.1", "localhost:8080", null)).doesNotThrowAnyException();
        for (String host : new String[]{"attacker.example:8080", "attacker.example", "127.0.0.1.nip.io", "10.0.0.1:8080", "", null}) {
            assertThatThrownBy(() -> open.check("127.0.0.1", host, null)).as(String.valueOf(host))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        }
    }

    @Test
    void shouldRequireTheBearerTokenWhenOneIsConfiguredEvenFromLoopback() {
        assertThatCode(() -> tokened.check("10.1.2.3", "api.example", "Bearer s3cret")).doesNotThrowAnyException();
        assertThatCode(() -> tokened.check("10.1.2.3", "api.example:8080", "bearer s3cret")).doesNotThrowAnyException();
        for (String header : new String[]{null, "", "Bearer", "Bearer wrong", "Basic czNjcmV0", "s3cret", "Bearer s3cret2"}) {
            assertThatThrownBy(() -> tokened.check("127.0.0.1", "localhost", header)).as(String.valueOf(header))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.headers()).containsKey("WWW-Authenticate");
                    });
        }
    }
}
