"""moto's server (the `moto_server` command) plus two operations moto 5 does not implement, so that Stepwise's
tests can run `iam.disable_user` and `autoscaling.startInstanceRefresh` end to end:

- IAM `ListServiceSpecificCredentials`: moto stores no such credentials, so the list is empty;
- Auto Scaling `StartInstanceRefresh`: checks the group exists and returns a new refresh id.

Requests still go through moto's own signature and permission checks (the methods are added to moto's response
classes, which check before dispatching). Usage is the same as moto_server: `python3 moto_server_plus.py -H HOST -p PORT`.
"""

import uuid

from moto.autoscaling.exceptions import ValidationError
from moto.autoscaling.responses import AutoScalingResponse
from moto.core.responses import ActionResult
from moto.iam.responses import IamResponse
from moto.server import main


def list_service_specific_credentials(self):
    self.backend.get_user(self._get_param("UserName"))
    return ActionResult({"ServiceSpecificCredentials": []})


def start_instance_refresh(self):
    name = self._get_param("AutoScalingGroupName")
    if name not in self.autoscaling_backend.autoscaling_groups:
        raise ValidationError(f"AutoScalingGroup name not found - {name}")
    return ActionResult({"InstanceRefreshId": str(uuid.uuid4())})


if not hasattr(IamResponse, "list_service_specific_credentials"):
    IamResponse.list_service_specific_credentials = list_service_specific_credentials
if not hasattr(AutoScalingResponse, "start_instance_refresh"):
    AutoScalingResponse.start_instance_refresh = start_instance_refresh

if __name__ == "__main__":
    main()
