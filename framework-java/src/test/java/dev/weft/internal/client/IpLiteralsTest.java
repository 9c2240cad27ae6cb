package dev.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpLiteralsTest {

    @Test
    void four_groups_of_one_to_three_digits_look_like_an_ipv4_literal() {
        assertThat(IpLiterals.isIpv4("127.0.0.1")).isTrue();
        assertThat(IpLiterals.isIpv4("10.200.3.40")).isTrue();
    }

    @Test
    void host_names_and_other_shapes_do_not() {
        assertThat(IpLiterals.isIpv4("localhost")).isFalse();
        assertThat(IpLiterals.isIpv4("1.2.3")).isFalse();
        assertThat(IpLiterals.isIpv4("1.2.3.4.5")).isFalse();
        assertThat(IpLiterals.isIpv4("1..2.3")).isFalse();
        assertThat(IpLiterals.isIpv4("1.2.3.")).isFalse();
        assertThat(IpLiterals.isIpv4(".1.2.3")).isFalse();
        assertThat(IpLiterals.isIpv4("1234.1.1.1")).isFalse();
        assertThat(IpLiterals.isIpv4("1.2.3.4a")).isFalse();
        assertThat(IpLiterals.isIpv4("")).isFalse();
    }
}
